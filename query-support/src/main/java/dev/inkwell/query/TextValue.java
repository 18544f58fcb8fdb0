package dev.inkwell.query;

/**
 * A value written as text in a URL query string ({@code age[$gte]=25}): converted to the field's type
 * when the filter is compiled, since only then is the type known. JSON filters carry typed values.
 */
public record TextValue(String text) {
}
