package dev.mom;

import dev.mom.api.ConfigurationException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys and sections of an INI file, read as Python's {@code configparser} reads the files PyMom
 * used, so that a PyMom file works unchanged.
 *
 * <p>Written here because no maintained Java library has {@code configparser}'s semantics: {@code
 * key = value} or {@code key: value} (the first delimiter wins, so values may hold either),
 * full-line comments with {@code #} or {@code ;}, no inline comments (a JAAS config ends in {@code
 * ;}), indented continuation lines, and a duplicate key or section is an error.
 *
 * <p>{@code [DEFAULT]} and {@code [mom]} hold the top-level keys, lower-cased; a key in {@code
 * [mom]} wins over the same key in {@code [DEFAULT]}. Other sections keep their keys verbatim, in
 * file order, and do not inherit {@code [DEFAULT]}: their keys go to the broker clients as they
 * are.
 */
final class IniFile {

  static final String DEFAULT_SECTION = "DEFAULT";
  static final String MOM_SECTION = "mom";

  private final String source;
  private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();
  private Map<String, String> section;
  private String sectionName;
  private String key;
  private int keyIndent;
  private int blankLines;

  private IniFile(String source) {
    this.source = source;
  }

  /**
   * Parses the lines of a file.
   *
   * @param source where the lines come from, for errors: {@code "file /etc/mom.ini"}
   * @param lines the lines, without line ends
   * @return the top-level keys and the other sections
   * @throws ConfigurationException naming the source and line of the first malformed line
   */
  static Parsed parse(String source, List<String> lines) {
    IniFile file = new IniFile(source);
    for (int i = 0; i < lines.size(); i++) {
      file.line(i + 1, lines.get(i));
    }
    return file.result();
  }

  /** The outcome of a parse: top-level keys, then the other sections in file order. */
  record Parsed(Map<String, String> topLevel, Map<String, Map<String, String>> sections) {}

  private void line(int number, String line) {
    String text = line.strip();
    if (text.isEmpty()) {
      blankLines++;
      return;
    }
    if (text.startsWith("#") || text.startsWith(";")) {
      return;
    }

    int indent = indentOf(line);
    if (key != null && indent > keyIndent) {
      continueValue(text);
      return;
    }

    key = null;
    blankLines = 0;
    if (text.startsWith("[") && text.endsWith("]")) {
      startSection(number, text.substring(1, text.length() - 1).strip());
    } else {
      keyValue(number, text, indent);
    }
  }

  private void continueValue(String text) {
    // As configparser does, blank lines inside a multi-line value are kept.
    String previous = section.get(key);
    section.put(key, previous + "\n".repeat(blankLines + 1) + text);
    blankLines = 0;
  }

  private void startSection(int number, String name) {
    if (name.isEmpty()) {
      throw error(number, "a section needs a name: [name]");
    }
    if (sections.containsKey(name)) {
      throw error(number, "section [" + name + "] given twice");
    }
    sectionName = name;
    section = new LinkedHashMap<>();
    sections.put(name, section);
  }

  private void keyValue(int number, String text, int indent) {
    int delimiter = delimiterIndex(text);
    if (delimiter < 0) {
      throw error(number, "expected [section], key = value, or a comment");
    }
    String name = text.substring(0, delimiter).strip();
    if (name.isEmpty()) {
      throw error(number, "a key is missing before '" + text.charAt(delimiter) + "'");
    }
    if (section == null) {
      throw error(number, "key " + name + " is outside any section; start with [DEFAULT]");
    }

    if (isTopLevel(sectionName)) {
      name = name.toLowerCase(java.util.Locale.ROOT);
    }
    if (section.containsKey(name)) {
      throw error(number, "key " + name + " given twice in [" + sectionName + "]");
    }
    section.put(name, text.substring(delimiter + 1).strip());
    key = name;
    keyIndent = indent;
  }

  private Parsed result() {
    Map<String, String> topLevel = new LinkedHashMap<>();
    Map<String, Map<String, String>> others = new LinkedHashMap<>();
    topLevel.putAll(sections.getOrDefault(DEFAULT_SECTION, Map.of()));
    topLevel.putAll(sections.getOrDefault(MOM_SECTION, Map.of()));
    sections.forEach(
        (name, keys) -> {
          if (!isTopLevel(name)) {
            others.put(name, Collections.unmodifiableMap(keys));
          }
        });
    return new Parsed(Collections.unmodifiableMap(topLevel), Collections.unmodifiableMap(others));
  }

  static boolean isTopLevel(String sectionName) {
    return DEFAULT_SECTION.equals(sectionName) || MOM_SECTION.equals(sectionName);
  }

  private static int delimiterIndex(String text) {
    int equals = text.indexOf('=');
    int colon = text.indexOf(':');
    if (equals < 0 || colon < 0) {
      return Math.max(equals, colon);
    }
    return Math.min(equals, colon);
  }

  private static int indentOf(String line) {
    int i = 0;
    while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    return i;
  }

  private ConfigurationException error(int line, String problem) {
    return new ConfigurationException(source + ", line " + line + ": " + problem);
  }
}
