package dev.inkwell.tags;

public record Tag(Integer id, String name) {
}
