package dev.tokenmanager.zoom.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScopeListTest {

  @Test
  void parse_zoomsMessage_givesTheScopesInOrder() {
    assertThat(ScopeList.parse("Invalid access token, does not contain scopes:[user:read:admin, meeting:write:admin]."))
        .containsExactly("user:read:admin", "meeting:write:admin");
  }

  @Test
  void parse_oneScope_givesIt() {
    assertThat(ScopeList.parse("Invalid access token, does not contain scopes:[meeting:read:list_meetings:admin]."))
        .containsExactly("meeting:read:list_meetings:admin");
  }

  @Test
  void parse_otherCaseAndSpacesAroundColonAndBracket_areAccepted() {
    assertThat(ScopeList.parse("INVALID ACCESS TOKEN, DOES NOT CONTAIN SCOPES : [ a:b ,c:d ]"))
        .containsExactly("a:b", "c:d");
  }

  @Test
  void parse_commasWithoutSpaces_splitToo() {
    assertThat(ScopeList.parse("does not contain scopes:[a,b,c]")).containsExactly("a", "b", "c");
  }

  @Test
  void parse_spacesWithoutCommas_splitToo() {
    assertThat(ScopeList.parse("does not contain scopes:[a b]")).containsExactly("a", "b");
  }

  @Test
  void parse_quotedScopes_loseTheirQuotes() {
    assertThat(ScopeList.parse("does not contain scopes:[\"a:b\", 'c:d']")).containsExactly("a:b", "c:d");
  }

  @Test
  void parse_duplicates_areListedOnce() {
    assertThat(ScopeList.parse("scopes:[a, b, a]")).containsExactly("a", "b");
  }

  @Test
  void parse_missingClosingBracket_readsToTheEnd() {
    assertThat(ScopeList.parse("does not contain scopes:[a:b, c:d.")).containsExactly("a:b", "c:d");
  }

  @Test
  void parse_earlierWordScopesWithoutList_findsTheLaterList() {
    assertThat(ScopeList.parse("scopes are missing; scopes:[x]")).containsExactly("x");
  }

  @Test
  void parse_emptyList_isEmpty() {
    assertThat(ScopeList.parse("does not contain scopes:[]")).isEmpty();
  }

  @Test
  void parse_controlCharacters_becomeSpacesInsideAScope() {
    assertThat(ScopeList.parse("scopes:[a\u0007b]")).containsExactly("a b");
  }

  @Test
  void parse_manyScopes_keepsTheFirstFifty() {
    StringBuilder list = new StringBuilder("scopes:[");
    for (int i = 0; i < 80; i++) {
      list.append("s").append(i).append(',');
    }
    assertThat(ScopeList.parse(list.append(']').toString()))
        .hasSize(ScopeList.MAX_SCOPES)
        .startsWith("s0")
        .endsWith("s49");
  }

  @Test
  void parse_hugeScope_isCut() {
    String huge = "x".repeat(5000);

    assertThat(ScopeList.parse("scopes:[" + huge + "]")).singleElement()
        .satisfies(scope -> assertThat(scope).hasSize(ScopeList.MAX_SCOPE_LENGTH + 1).endsWith("…"));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "Invalid access token.", "does not contain scopes", "scopes: a, b", "scopes[a]"})
  void parse_noList_isEmpty(String message) {
    assertThat(ScopeList.parse(message)).isEmpty();
  }
}
