package dev.inkwell.app.web;

import java.beans.PropertyEditorSupport;

import org.springframework.beans.PropertyEditorRegistry;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.support.ConfigurableWebBindingInitializer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

import dev.inkwell.query.NumberText;

/**
 * An int in a path or a request parameter ({@code /api/users/{id}}, {@code ?page=}) is decimal digits,
 * as in a filter ({@link NumberText}). Spring's own reading also takes {@code 0x1}, {@code #1},
 * {@code 1 2} and other scripts' digits: other spellings of the same id.
 *
 * <p>An editor, since where a converter refuses, Spring tries its default editor, which reads them
 * all; registered on the handler adapter's binding initializer, not by an {@code @InitBinder} method,
 * which Spring invokes reflectively for every binder of every request, a request body's included.
 */
@Configuration(proxyBeanMethods = false)
class DecimalInts {

  @Bean
  static BeanPostProcessor decimalIntEditors() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof RequestMappingHandlerAdapter adapter
            && adapter.getWebBindingInitializer() instanceof ConfigurableWebBindingInitializer initializer) {
          initializer.setPropertyEditorRegistrar(DecimalInts::register);
        }
        return bean;
      }
    };
  }

  static void register(PropertyEditorRegistry binder) {
    binder.registerCustomEditor(int.class, new Editor(false));
    binder.registerCustomEditor(Integer.class, new Editor(true));
  }

  private static final class Editor extends PropertyEditorSupport {

    private final boolean emptyIsAbsent;

    Editor(boolean emptyIsAbsent) {
      this.emptyIsAbsent = emptyIsAbsent;
    }

    @Override
    public void setAsText(String text) {
      // As Spring's editor for an Integer: an optional parameter given empty ("page=") is absent.
      setValue(emptyIsAbsent && text.isBlank() ? null : NumberText.wholeNumber(text));
    }
  }
}
