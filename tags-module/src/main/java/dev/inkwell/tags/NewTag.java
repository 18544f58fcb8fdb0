package dev.inkwell.tags;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record NewTag(@NotBlank @Size(max = 100) String name) {
}
