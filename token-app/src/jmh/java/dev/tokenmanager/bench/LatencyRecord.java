package dev.tokenmanager.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/** Turns an HdrHistogram of nanoseconds into figures and its buckets, for merging across JVMs. */
final class LatencyRecord {

  private LatencyRecord() {}

  /** Returns a new histogram of nanoseconds, 2 significant digits, resized as needed. */
  static Histogram histogram() {
    return new Histogram(2);
  }

  /**
   * Summarizes a histogram.
   *
   * @param h the histogram, in nanoseconds
   * @return count, p50, p99, p99.9, max (ns) and the buckets as {@code [value, count]} pairs
   */
  static Map<String, Object> summary(Histogram h) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("count", h.getTotalCount());
    out.put("p50_ns", h.getTotalCount() == 0 ? null : h.getValueAtPercentile(50));
    out.put("p99_ns", h.getTotalCount() == 0 ? null : h.getValueAtPercentile(99));
    out.put("p999_ns", h.getTotalCount() == 0 ? null : h.getValueAtPercentile(99.9));
    out.put("max_ns", h.getTotalCount() == 0 ? null : h.getMaxValue());
    List<Object> buckets = new ArrayList<>();
    for (HistogramIterationValue v : h.recordedValues()) {
      buckets.add(List.of(h.highestEquivalentValue(v.getValueIteratedTo()), v.getCountAtValueIteratedTo()));
    }
    out.put("buckets", buckets);
    return out;
  }
}
