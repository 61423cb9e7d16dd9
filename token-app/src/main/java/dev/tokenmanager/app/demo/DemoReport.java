package dev.tokenmanager.app.demo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a demo run measured.
 *
 * @param calls API calls that succeeded
 * @param minted tokens the sandbox minted
 * @param rotations times the token the jobs used changed
 * @param apiRejected API calls rejected with 401 (a token the API no longer accepted)
 * @param failures job iterations that got no token or no answer
 * @param store the store used ({@code memory} or the masked Redis URI)
 * @param managers how many managers ran
 * @param jobs how many job threads ran in all
 * @param minRemaining the least remaining life of any token handed to a job
 * @param elapsed how long the jobs ran
 */
public record DemoReport(long calls, int minted, int rotations, long apiRejected, long failures, String store,
    int managers, int jobs, Duration minRemaining, Duration elapsed) {

  /** Returns whether the run had neither failures nor rejected API calls. */
  public boolean ok() {
    return failures == 0 && apiRejected == 0;
  }

  /** Returns the summary as ordered {@code name: value} pairs. */
  public Map<String, String> lines() {
    Map<String, String> lines = new LinkedHashMap<>();
    lines.put("calls", Long.toString(calls));
    lines.put("minted", Integer.toString(minted));
    lines.put("rotations", Integer.toString(rotations));
    lines.put("api_rejected", Long.toString(apiRejected));
    lines.put("failures", Long.toString(failures));
    lines.put("store", store);
    lines.put("managers", Integer.toString(managers));
    lines.put("jobs", Integer.toString(jobs));
    lines.put("min_remaining_at_handout", minRemaining.toMillis() + " ms");
    lines.put("elapsed", elapsed.toMillis() + " ms");
    lines.put("calls_per_second", Long.toString(elapsed.toMillis() == 0 ? 0 : calls * 1000 / elapsed.toMillis()));
    lines.put("result", ok() ? "ok" : "FAILED");
    return lines;
  }
}
