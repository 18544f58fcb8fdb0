package dev.inkwell.posts;

import org.mybatis.spring.annotation.MapperScan;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import com.github.pagehelper.autoconfigure.PageHelperAutoConfiguration;

/**
 * Test-only boot class: the MyBatis slice with PageHelper. The users and tags facades run for real
 * (posts need real users and tags rows), so their mappers are scanned too.
 */
@SpringBootApplication
@ImportAutoConfiguration(PageHelperAutoConfiguration.class)
@MapperScan(basePackages = {"dev.inkwell.posts", "dev.inkwell.users", "dev.inkwell.tags"},
    annotationClass = org.apache.ibatis.annotations.Mapper.class)
class PostsTestApplication {
}
