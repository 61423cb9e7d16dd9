package dev.tokenmanager.zoom;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps the adapter's public surface small and free of Feign and Jackson types. */
class PublicApiTest {

  private static final List<Class<?>> PUBLIC_TYPES = List.of(
      ZoomConfig.class, ZoomCredentials.class, ZoomTokenSource.class, ZoomTokenSource.CredentialsLookup.class,
      RetryAfter.class);

  @Test
  void publicTypes_always_areExactlyTheFiveKnownOnes() throws Exception {
    List<Class<?>> internals = List.of(AnswerClassifier.class, AuthorizationFilteringLogger.class, EndpointAnswer.class,
        ErrorBody.class, Excerpt.class, TokenEndpoint.class, TokenResponse.class,
        TransportFailure.class, ZoomJson.class, ZoomOAuthApi.class);

    assertThat(internals).noneMatch(type -> Modifier.isPublic(type.getModifiers()));
    assertThat(PUBLIC_TYPES).allMatch(type -> Modifier.isPublic(type.getModifiers()));
  }

  @Test
  void publicSignatures_always_nameNoVendorType() {
    List<String> vendorTypes = new ArrayList<>();
    for (Class<?> type : PUBLIC_TYPES) {
      for (Method method : type.getMethods()) {
        check(method, vendorTypes);
        collect(method.getReturnType(), method.toString(), vendorTypes);
      }
      for (Constructor<?> constructor : type.getConstructors()) {
        check(constructor, vendorTypes);
      }
      for (Field field : type.getFields()) {
        collect(field.getType(), field.toString(), vendorTypes);
      }
    }

    assertThat(vendorTypes).isEmpty();
  }

  private static void check(Executable executable, List<String> vendorTypes) {
    Stream.concat(Stream.of(executable.getParameterTypes()), Stream.of(executable.getExceptionTypes()))
        .forEach(type -> collect(type, executable.toString(), vendorTypes));
  }

  private static void collect(Class<?> type, String where, List<String> vendorTypes) {
    String name = type.getName();
    if (name.startsWith("feign.") || name.startsWith("com.fasterxml.") || name.startsWith("org.slf4j.")) {
      vendorTypes.add(where);
    }
  }
}
