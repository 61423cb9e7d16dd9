/**
 * Test fixtures shipped in token-core's test jar: a manual clock, token builders and the contract
 * test every {@link dev.tokenmanager.core.port.TokenStore} implementation must pass.
 */
package dev.tokenmanager.core.testing;
