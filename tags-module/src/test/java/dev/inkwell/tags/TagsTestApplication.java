package dev.inkwell.tags;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import com.github.pagehelper.autoconfigure.PageHelperAutoConfiguration;

/** Test-only boot class: roots the MyBatis slice at this module, with PageHelper (the slice leaves it out). */
@SpringBootApplication
@ImportAutoConfiguration(PageHelperAutoConfiguration.class)
class TagsTestApplication {
}
