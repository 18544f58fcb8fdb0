package dev.inkwell.migrations;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Test-only boot class: roots the JDBC test slice of this module. */
@SpringBootApplication
class MigrationsTestApplication {
}
