package com.versionforge.token.query.auth;

import com.versionforge.token.web.RequestValueArgumentResolver;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the command side's auth check in front of every /api/v1 endpoint; health and docs stay open. */
@Configuration(proxyBeanMethods = false)
class AuthWebConfiguration implements WebMvcConfigurer {

    private final AuthCheckInterceptor interceptor;
    private final RequestValueArgumentResolver<Caller> callerResolver =
            new RequestValueArgumentResolver<>(Caller.class);

    AuthWebConfiguration(AuthCheckInterceptor interceptor) {
        this.interceptor = interceptor;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(interceptor).addPathPatterns("/api/v1/**");
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(callerResolver);
    }
}
