package dev.tokenmanager.zoom.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmanager.core.error.TokenException;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the Feign integration's public surface small: one entry point, which alone names Feign types,
 * and four exceptions in the token manager's hierarchy.
 */
class ApiPackageSurfaceTest {

  private static final List<Class<?>> EXCEPTIONS = List.of(ZoomApiException.class, ZoomTokenRejectedException.class,
      ZoomScopeException.class, ZoomRateLimitException.class);

  @Test
  void publicTypes_always_areTheEntryPointAndTheFourExceptions() {
    List<Class<?>> internals = List.of(ApiError.class, ApiErrorReader.class, BearerInterceptor.class, BearerTokens.class,
        RefreshOnceRetryer.class, ScopeList.class, TokenRefreshSignal.class, ZoomErrorDecoder.class);

    assertThat(internals).noneMatch(type -> Modifier.isPublic(type.getModifiers()));
    assertThat(ZoomApiAuth.class.getModifiers() & (Modifier.PUBLIC | Modifier.FINAL))
        .isEqualTo(Modifier.PUBLIC | Modifier.FINAL);
    assertThat(EXCEPTIONS).allMatch(type -> Modifier.isPublic(type.getModifiers()));
  }

  @Test
  void exceptions_always_areUncheckedTokenExceptionsThatOnlyThisPackageCanCreate() {
    assertThat(EXCEPTIONS).allMatch(TokenException.class::isAssignableFrom);
    assertThat(ZoomApiException.class.isSealed()).isTrue();
    assertThat(EXCEPTIONS).allMatch(type -> type.getConstructors().length == 0);
  }

  @Test
  void exceptionSignatures_always_nameNoVendorType() {
    List<String> vendorTypes = new ArrayList<>();
    for (Class<?> type : EXCEPTIONS) {
      for (Method method : type.getMethods()) {
        Stream.concat(Stream.of(method.getReturnType()), Stream.of(((Executable) method).getParameterTypes()))
            .filter(t -> t.getName().startsWith("feign.") || t.getName().startsWith("com.fasterxml."))
            .forEach(t -> vendorTypes.add(method.toString()));
      }
    }

    assertThat(vendorTypes).isEmpty();
  }
}
