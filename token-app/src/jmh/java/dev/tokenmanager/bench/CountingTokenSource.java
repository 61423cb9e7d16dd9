package dev.tokenmanager.bench;

import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.TokenSource;

/** Token Manager's source (the Zoom adapter), with each mint written to a {@link MintLog}. */
final class CountingTokenSource implements TokenSource {

  private final TokenSource delegate;
  private final MintLog log;

  CountingTokenSource(TokenSource delegate, MintLog log) {
    this.delegate = delegate;
    this.log = log;
  }

  @Override
  public AccessToken mint(TokenKey key) {
    log.started();
    try {
      return delegate.mint(key);
    } finally {
      log.finished();
    }
  }
}
