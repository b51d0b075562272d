package com.versionforge.token.command.auth;

import com.versionforge.token.web.RequestValueArgumentResolver;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts Bearer authentication in front of every /api/v1 endpoint except the auth check, which does its own. */
@Configuration(proxyBeanMethods = false)
class AuthWebConfiguration implements WebMvcConfigurer {

    private final BearerTokenInterceptor interceptor;
    private final RequestValueArgumentResolver<Caller> callerResolver =
            new RequestValueArgumentResolver<>(Caller.class);

    AuthWebConfiguration(BearerTokenInterceptor interceptor) {
        this.interceptor = interceptor;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(interceptor)
                .addPathPatterns("/api/v1/**")
                .excludePathPatterns(AuthCheckController.PATH);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(callerResolver);
    }
}
