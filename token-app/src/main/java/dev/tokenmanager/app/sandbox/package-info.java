/**
 * A Zoom-like sandbox: a real HTTP server on 127.0.0.1 that mints short-lived tokens and serves one
 * API call, for the demo, the fleet tests and the benchmarks.
 */
package dev.tokenmanager.app.sandbox;
