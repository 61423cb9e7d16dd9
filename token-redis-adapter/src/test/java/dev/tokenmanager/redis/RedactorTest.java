package dev.tokenmanager.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmanager.core.model.Secret;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class RedactorTest {

  @Test
  void scrub_separatePassword_isMasked() {
    Redactor redactor = Redactor.of(RedisStoreConfig.of("redis://h:6379").withCredentials("u", Secret.of("p:a@ss")));

    assertThat(redactor.scrub("AUTH u p:a@ss failed")).isEqualTo("AUTH u **** failed");
  }

  @Test
  void scrub_uriPassword_isMaskedAsWrittenAndDecoded() {
    Redactor redactor = Redactor.of(RedisStoreConfig.of("redis://user:p%3Aa%40ss+x@h:6379/0"));

    assertThat(redactor.scrub("a p%3Aa%40ss+x b p:a@ss+x c")).isEqualTo("a **** b **** c");
  }

  @Test
  void scrub_sentinelPassword_isMasked() {
    Redactor redactor = Redactor.of(RedisStoreConfig.of("redis-sentinel://:d4ta@s1,s2#m")
        .withSentinelPassword(Secret.of("s3nt:pw")));

    assertThat(redactor.scrub("AUTH s3nt:pw / AUTH d4ta")).isEqualTo("AUTH **** / AUTH ****");
  }

  @Test
  void scrub_noCredentials_leavesTextAlone() {
    assertThat(Redactor.of(RedisStoreConfig.of("redis://h")).scrub("Connection refused")).isEqualTo("Connection refused");
    assertThat(Redactor.of(RedisStoreConfig.of("redis://h")).scrub(null)).isEqualTo("(no message)");
  }

  @Test
  void describe_nestedFailure_namesItAndItsRootCause() {
    Redactor redactor = Redactor.of(RedisStoreConfig.of("redis://:hunter2@h"));
    Exception failure = new IllegalStateException("outer hunter2", new RuntimeException(new IOException("inner hunter2")));

    assertThat(redactor.describe(failure)).isEqualTo("IllegalStateException: outer **** (IOException: inner ****)");
  }
}
