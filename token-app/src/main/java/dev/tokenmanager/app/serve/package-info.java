/**
 * The token service ({@code token-app serve}): apps kept warm in the background, and HTTP endpoints
 * for health, Prometheus metrics, tokens for non-JVM workers, and a status page.
 */
package dev.tokenmanager.app.serve;
