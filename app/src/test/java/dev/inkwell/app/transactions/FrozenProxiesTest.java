package dev.inkwell.app.transactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import dev.inkwell.app.users.UserUseCases;
import dev.inkwell.users.UserNotFoundException;
import dev.inkwell.users.UserService;

/** Use cases and services behind frozen proxies: a method without advice is called directly. */
@SpringBootTest
class FrozenProxiesTest {

  @Autowired
  UserUseCases useCases;
  @Autowired
  ApplicationContext context;

  @Test
  void aReadGoesFromTheUseCaseToTheMapperWithoutReflection() {
    Throwable notFound = catchThrowable(() -> useCases.get(Integer.MAX_VALUE));

    assertThat(notFound).isInstanceOf(UserNotFoundException.class);
    List<String> frames = Arrays.stream(notFound.getStackTrace())
        .map(frame -> frame.getClassName() + "." + frame.getMethodName()).toList();
    int service = frames.indexOf(UserService.class.getName() + ".get");
    int useCase = frames.indexOf(UserUseCases.class.getName() + ".get");
    int caller = frames.indexOf(getClass().getName() + ".lambda$aReadGoesFromTheUseCaseToTheMapperWithoutReflection$0");
    assertThat(service).isNotNegative().isLessThan(useCase);
    assertThat(useCase).isLessThan(caller);
    // Between the test and the service: each proxy calls its target itself (no Method.invoke, no AOP chain).
    assertThat(frames.subList(service, caller)).containsExactly(UserService.class.getName() + ".get",
        service(UserService.class) + ".get",
        UserUseCases.class.getName() + ".get", service(UserUseCases.class) + ".get");
  }

  /** The class of the bean of this type: its proxy's. */
  private String service(Class<?> type) {
    return context.getBean(type).getClass().getName();
  }

  @Test
  void everyProxyIsFrozenAndNoneWrapsAnother() throws Exception {
    int proxies = 0;
    for (String name : context.getBeanDefinitionNames()) {
      Object bean = context.getBean(name);
      if (bean instanceof Advised advised && AopUtils.isAopProxy(bean)) {
        proxies++;
        assertThat(advised.isFrozen()).as(name).isTrue();
        assertThat(AopUtils.isAopProxy(advised.getTargetSource().getTarget())).as(name).isFalse();
      }
    }
    assertThat(proxies).isGreaterThanOrEqualTo(2);
    assertThat(AopUtils.isCglibProxy(useCases)).isTrue();
  }
}
