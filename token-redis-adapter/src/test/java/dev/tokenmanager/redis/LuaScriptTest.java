package dev.tokenmanager.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LuaScriptTest {

  @Test
  void of_scriptText_namesItByItsSha1() {
    // SHA-1 of "return 1", as Redis's SCRIPT LOAD reports it
    assertThat(LuaScript.of("one", "return 1").sha()).isEqualTo("e0e1f9fabfc9d4800c877a703b823ac0578ff8db");
  }

  @Test
  void storeScripts_areDistinctConstants() {
    assertThat(StoreScripts.SAVE_IF_NEWER.sha()).isNotEqualTo(StoreScripts.EVICT_IF_SAME.sha())
        .isNotEqualTo(StoreScripts.RELEASE_LEASE.sha());
  }

  @Test
  void constructor_badSha_isRejectedNamingTheField() {
    assertThatThrownBy(() -> new LuaScript("x", "return 1", "nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sha must be 40 lower-case hex digits, but was nope");
  }
}
