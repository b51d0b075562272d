package com.versionforge.token.query.page;

import com.versionforge.token.query.auth.CommandSideProperties;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves Settings › API Tokens at {@value #PAGE_PATH}, its static files from {@code static/settings/api-tokens/}, and
 * sends a visitor of {@code /} there.
 */
@Configuration(proxyBeanMethods = false)
class TokenPageConfiguration implements WebMvcConfigurer {

    static final String PAGE_PATH = "/settings/api-tokens";
    static final String PAGE_DOCUMENT = PAGE_PATH + "/index.html";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/", PAGE_PATH);
        registry.addViewController(PAGE_PATH).setViewName("forward:" + PAGE_DOCUMENT);
        registry.addViewController(PAGE_PATH + "/").setViewName("forward:" + PAGE_DOCUMENT);
    }

    /**
     * The filter is created while the web server starts, before the rest of the context; it reads the command side's
     * URL at its first request, so that the properties are bound from the finished environment, not before it.
     */
    @Bean
    FilterRegistrationBean<PageSecurityHeadersFilter> pageSecurityHeaders(
            ObjectProvider<CommandSideProperties> commandSide) {
        FilterRegistrationBean<PageSecurityHeadersFilter> registration = new FilterRegistrationBean<>(
                new PageSecurityHeadersFilter(() -> commandSide.getObject().browserUrl()));
        registration.setUrlPatterns(List.of(PAGE_PATH, PAGE_PATH + "/*"));
        return registration;
    }
}
