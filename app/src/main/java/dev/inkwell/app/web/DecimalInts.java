package dev.inkwell.app.web;

import java.beans.PropertyEditorSupport;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

import dev.inkwell.query.NumberText;

/**
 * An int in a path or a request parameter ({@code /api/users/{id}}, {@code ?page=}) is decimal digits,
 * as in a filter ({@link NumberText}). Spring's own reading also takes {@code 0x1}, {@code #1},
 * {@code 1 2} and other scripts' digits: other spellings of the same id. An editor, not a converter:
 * where a converter refuses, Spring tries its default editor, which reads them all.
 */
@ControllerAdvice
class DecimalInts {

  @InitBinder
  void decimalInts(WebDataBinder binder) {
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
