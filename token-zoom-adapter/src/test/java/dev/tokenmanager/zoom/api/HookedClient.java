package dev.tokenmanager.zoom.api;

import feign.Client;
import feign.Request;
import feign.Response;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The caller's Feign client with two test hooks: one runs before each request is sent, the other once,
 * after the next response has arrived and before Feign sees it. Both run on the calling thread.
 */
final class HookedClient implements Client {

  private final Client delegate;
  private final AtomicReference<Consumer<Request>> beforeSend = new AtomicReference<>(request -> { });
  private final AtomicReference<Runnable> afterNextResponse = new AtomicReference<>();

  HookedClient(Client delegate) {
    this.delegate = delegate;
  }

  /** Runs a hook before every request is sent, until replaced. */
  void beforeSend(Consumer<Request> hook) {
    beforeSend.set(hook);
  }

  /** Runs a hook once, after the next response arrives and before Feign decodes it. */
  void afterNextResponse(Runnable hook) {
    afterNextResponse.set(hook);
  }

  @Override
  public Response execute(Request request, Request.Options options) throws IOException {
    beforeSend.get().accept(request);
    Response response = delegate.execute(request, options);
    Runnable hook = afterNextResponse.getAndSet(null);
    if (hook != null) {
      hook.run();
    }
    return response;
  }
}
