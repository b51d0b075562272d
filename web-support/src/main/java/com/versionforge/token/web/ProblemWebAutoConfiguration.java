package com.versionforge.token.web;

import java.util.Arrays;
import org.apache.catalina.Pipeline;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.filters.FailedRequestFilter;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Makes Tomcat's own refusals and the error path problem+json like every other answer, and refuses what Tomcat would
 * silently drop. Runs before Spring Boot's error configuration, whose default error controller then stands aside.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(TomcatServletWebServerFactory.class)
public class ProblemWebAutoConfiguration {

    @Bean
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    /**
     * Runs after Spring Boot's customizer, which installs a plain {@link ErrorReportValve}; naming the replacement as
     * the host's error report valve class also stops Tomcat from adding its default one when the host starts.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            Pipeline pipeline = context.getParent().getPipeline();
            Arrays.stream(pipeline.getValves())
                    .filter(ErrorReportValve.class::isInstance)
                    .forEach(pipeline::removeValve);
            pipeline.addValve(new ProblemErrorReportValve());
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    /** Refuses a query string Tomcat cannot decode, such as {@code q=%ZZ}, which it would otherwise drop silently. */
    @Bean
    FilterRegistrationBean<FailedRequestFilter> failedRequestFilter() {
        FilterRegistrationBean<FailedRequestFilter> registration =
                new FilterRegistrationBean<>(new FailedRequestFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
