// kgen:header
package kgen.templates.java.runtime;

import java.util.concurrent.CompletableFuture;

/** Sends calls to one API server. Safe for concurrent use; close it to release its connections. */
public final class ApiClient implements AutoCloseable {
  private final Config config;

  private ApiClient(Config config) {
    this.config = config;
  }

  public static ApiClient fromConfig(Config config) {
    return new ApiClient(config);
  }

  public static ApiClient fromDefault() {
    throw new ConfigException("in progress");
  }

  public <T> T send(Call call, JsonCodec<T> codec) {
    throw new UnsupportedOperationException("in progress: " + config + call.method() + codec);
  }

  public <T> CompletableFuture<T> sendAsync(Call call, JsonCodec<T> codec) {
    return CompletableFuture.supplyAsync(() -> send(call, codec));
  }

  public <T> ObjectOrStatus<T> sendObjectOrStatus(Call call, JsonCodec<T> codec) {
    return new ObjectOrStatus.Obj<>(send(call, codec));
  }

  public <T> CompletableFuture<ObjectOrStatus<T>> sendObjectOrStatusAsync(Call call, JsonCodec<T> codec) {
    return CompletableFuture.supplyAsync(() -> sendObjectOrStatus(call, codec));
  }

  public <T> Watch<T> watch(Call call, JsonCodec<T> codec) {
    throw new UnsupportedOperationException("in progress: " + call.method() + codec);
  }

  @Override
  public void close() {}
}
