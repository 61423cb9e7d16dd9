/**
 * Benchmarks of Token Manager against the approaches it replaces, compiled only in the {@code bench}
 * Maven profile into {@code target/benchmarks.jar} and run by {@code bench/run}:
 *
 * <ul>
 *   <li>{@link dev.tokenmanager.bench.HotPathBenchmark} (JMH): {@code token()} with a fresh token, next to
 *       the clock read it cannot avoid, google-auth's cached-token path and the seed style's Redis
 *       {@code GET} per call;
 *   <li>{@link dev.tokenmanager.bench.RotationBenchmark} (JMH, sample mode): {@code token()} while
 *       refreshes run in the background against a 50 ms endpoint;
 *   <li>{@link dev.tokenmanager.bench.FleetBenchmark}: 20 managers by 8 threads on one Redis and the
 *       sandbox, in real time, for each approach;
 *   <li>{@link dev.tokenmanager.bench.ColdStartBenchmark}: wall time of {@code token-app token}.
 * </ul>
 *
 * <p>The baseline ({@link dev.tokenmanager.bench.SeedStyleTokens}) and the peer ({@link
 * dev.tokenmanager.bench.GoogleAuthTokens}) exist only here, never in the product.
 */
package dev.tokenmanager.bench;
