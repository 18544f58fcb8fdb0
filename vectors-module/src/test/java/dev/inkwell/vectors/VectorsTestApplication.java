package dev.inkwell.vectors;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Test-only boot class: roots the MyBatis slice at this module (no paging: top-k searches use LIMIT). */
@SpringBootApplication
class VectorsTestApplication {
}
