package dev.inkwell.app.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ways a client can spell one path so that a lenient parser might still reach the same handler:
 * percent-encoded letters and separators, path parameters, doubled and dot segments, case, trailing
 * slashes, overlong UTF-8, NUL, backslash and tab. Each is for the request line as written.
 */
final class PathForms {

  private PathForms() {
  }

  static List<String> of(String path) {
    String[] s = path.substring(1).split("/");
    String rest = path.substring(s[0].length() + 1); // "/users/12" of "/api/users/12"
    String tail = path.substring(path.lastIndexOf('/')); // "/12"
    String head = path.substring(0, path.lastIndexOf('/')); // "/api/users"
    List<String> forms = new ArrayList<>();
    forms.add(path);
    // percent-encoded letters
    forms.add("/%61" + s[0].substring(1) + rest);
    forms.add("/%41" + s[0].substring(1).toUpperCase(Locale.ROOT) + rest);
    forms.add("/" + s[0] + "/%" + Integer.toHexString(s[1].charAt(0)) + s[1].substring(1) + rest.substring(s[1].length() + 1));
    forms.add("/" + percentEncodeAll(s[0]) + rest);
    // encoded separators
    forms.add("/" + s[0] + "%2F" + rest.substring(1));
    forms.add("/" + s[0] + "%2f" + rest.substring(1));
    forms.add("/" + s[0] + "%252F" + rest.substring(1));
    forms.add("/" + s[0] + "%3Bx" + rest);
    // ;parameters on each segment
    for (int i = 0; i < s.length; i++) {
      forms.add(withSegment(s, i, s[i] + ";x=1"));
    }
    forms.add(withSegment(s, 0, s[0] + ";"));
    forms.add(path + ";jsessionid=0");
    // doubled separators
    forms.add("/" + path);
    forms.add("/" + s[0] + "/" + rest);
    forms.add(head + "/" + tail);
    // dot segments
    forms.add("/." + path);
    forms.add("/" + s[0] + "/." + rest);
    forms.add(path + "/.");
    forms.add("/x/.." + path);
    forms.add("/" + s[0] + "/x/.." + rest);
    forms.add(path + "/x/..");
    forms.add("/" + s[0] + "/%2e" + rest);
    forms.add("/" + s[0] + "/x/%2e%2e" + rest);
    forms.add("/" + s[0] + "/x/%2E%2E" + rest);
    forms.add("/" + s[0] + "/x/.%2e" + rest);
    // case and trailing slash
    forms.add(path.toUpperCase(Locale.ROOT));
    forms.add("/" + s[0].toUpperCase(Locale.ROOT) + rest);
    forms.add("/" + Character.toUpperCase(s[0].charAt(0)) + s[0].substring(1) + rest);
    forms.add(path + "/");
    // overlong UTF-8 for '/' and '.'
    forms.add("/" + s[0] + "%c0%af" + rest.substring(1));
    forms.add("/" + s[0] + "%e0%80%af" + rest.substring(1));
    forms.add("/" + s[0] + "/x/%c0%ae%c0%ae" + rest);
    // NUL, backslash, tab
    forms.add(path + "%00");
    forms.add("/" + s[0] + "%00" + rest);
    forms.add("/" + s[0] + "\\" + rest.substring(1));
    forms.add("/" + s[0] + "%5c" + rest.substring(1));
    forms.add(path + "\\");
    forms.add(path + "%09");
    forms.add("/" + s[0] + "%09" + rest);
    forms.add("/" + s[0] + "\t" + rest);
    return forms;
  }

  private static String withSegment(String[] segments, int index, String replacement) {
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < segments.length; i++) {
      path.append('/').append(i == index ? replacement : segments[i]);
    }
    return path.toString();
  }

  private static String percentEncodeAll(String segment) {
    StringBuilder encoded = new StringBuilder();
    for (char c : segment.toCharArray()) {
      encoded.append('%').append(Integer.toHexString(c).toUpperCase(Locale.ROOT));
    }
    return encoded.toString();
  }
}
