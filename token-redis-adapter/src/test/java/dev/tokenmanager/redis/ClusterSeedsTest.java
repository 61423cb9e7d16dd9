package dev.tokenmanager.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisURI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterSeedsTest {

  @Test
  void parse_hostList_givesOneSeedPerHostWithDefaultPort() {
    List<RedisURI> seeds = ClusterSeeds.parse("redis-cluster://n1:7000, n2 ,[::1]:7002");

    assertThat(seeds).extracting(RedisURI::getHost)
        .containsExactly("n1", "n2", RedisURI.create("redis://[::1]:7002").getHost());
    assertThat(seeds).extracting(RedisURI::getPort).containsExactly(7000, 6379, 7002);
    assertThat(seeds).noneMatch(RedisURI::isSsl);
  }

  @Test
  void parse_credentialsAndOptions_applyToEverySeed() {
    List<RedisURI> seeds = ClusterSeeds.parse("rediss-cluster://tm:p%40ss@n1:7000,n2:7001/0?clientName=fleet");

    assertThat(seeds).hasSize(2).allSatisfy(seed -> {
      assertThat(seed.isSsl()).isTrue();
      assertThat(seed.getClientName()).isEqualTo("fleet");
      assertThat(seed.getCredentialsProvider().resolveCredentials().block().getUsername()).isEqualTo("tm");
      assertThat(new String(seed.getCredentialsProvider().resolveCredentials().block().getPassword())).isEqualTo("p@ss");
    });
  }

  @Test
  void parse_notAClusterUriOrBadParts_isRejectedWithoutQuotingIt() {
    assertThatThrownBy(() -> ClusterSeeds.parse("redis://n1")).hasMessage("not a cluster URI");
    assertThatThrownBy(() -> ClusterSeeds.parse("redis-cluster://n1,,n2"))
        .hasMessage("a cluster URI needs host[:port] entries separated by commas");
    assertThatThrownBy(() -> ClusterSeeds.parse("redis-cluster://n1/3")).hasMessage("a cluster has only database 0");
    assertThatThrownBy(() -> ClusterSeeds.parse("redis-cluster://:s3cret@n1#m"))
        .hasMessage("a cluster URI has no #fragment (no master name)");
  }
}
