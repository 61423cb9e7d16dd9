package dev.tokenmanager.app.simulate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a fleet simulation measured.
 *
 * @param options how it ran
 * @param store the shared store ({@code memory} or the masked Redis URI)
 * @param calls token requests by callers
 * @param mints tokens the endpoint minted
 * @param rotations rotation cycles (mints more than half a lifetime apart start a new one)
 * @param endpointRequests requests the endpoint received, minted or failed
 * @param blocked calls that found no valid token in memory and had to wait for the network, after
 *     each process's first call
 * @param coldStartWaits first calls of each process that had to wait (there is no token yet)
 * @param failures calls that got no token
 * @param belowMinRemaining tokens handed out with less than their minimum remaining life
 * @param elapsed real time the simulation took
 */
public record SimulationReport(SimulationOptions options, String store, long calls, int mints, int rotations,
    int endpointRequests, long blocked, long coldStartWaits, long failures, long belowMinRemaining, Duration elapsed) {

  /** Returns whether no call failed and no token was handed out below its minimum remaining life. */
  public boolean ok() {
    return failures == 0 && belowMinRemaining == 0;
  }

  /** Returns the mints per rotation (1.00 when the fleet minted exactly once per rotation). */
  public double mintsPerRotation() {
    return rotations == 0 ? 0 : (double) mints / rotations;
  }

  /** Returns the summary as ordered {@code name: value} pairs. */
  public Map<String, String> lines() {
    Map<String, String> lines = new LinkedHashMap<>();
    lines.put("processes", Integer.toString(options.processes()));
    lines.put("simulated", FaultWindow.shortForm(options.length()));
    lines.put("store", store);
    lines.put("faults", faults());
    lines.put("refresh_window", FaultWindow.shortForm(options.refreshPolicy().windowStart()) + " to "
        + FaultWindow.shortForm(options.refreshPolicy().windowEnd()) + " before expiry");
    lines.put("calls", Long.toString(calls));
    lines.put("mints", Integer.toString(mints));
    lines.put("rotations", Integer.toString(rotations));
    lines.put("mints_per_rotation", String.format(Locale.ROOT, "%.2f", mintsPerRotation()));
    lines.put("endpoint_requests", Integer.toString(endpointRequests));
    lines.put("callers_blocked_on_network", Long.toString(blocked));
    lines.put("cold_start_waits", Long.toString(coldStartWaits));
    lines.put("failures", Long.toString(failures));
    lines.put("below_min_remaining", Long.toString(belowMinRemaining));
    lines.put("elapsed", String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0));
    lines.put("result", ok() ? "ok" : "FAILED");
    return lines;
  }

  private String faults() {
    StringBuilder text = new StringBuilder();
    options.storeOutages().forEach(w -> text.append(text.length() == 0 ? "" : ", ").append("store-outage ").append(w));
    options.endpointErrors().forEach(w -> text.append(text.length() == 0 ? "" : ", ").append("endpoint-errors ").append(w));
    return text.length() == 0 ? "none" : text.toString();
  }
}
