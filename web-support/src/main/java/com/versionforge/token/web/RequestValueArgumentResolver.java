package com.versionforge.token.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Hands a value that a filter or interceptor attached to the request (such as the authenticated caller) to controller
 * methods that declare a parameter of its type.
 *
 * @param <T> the type of the value, which names its request attribute
 */
public final class RequestValueArgumentResolver<T> implements HandlerMethodArgumentResolver {

    private final Class<T> type;

    public RequestValueArgumentResolver(Class<T> type) {
        this.type = type;
    }

    /** Attaches {@code value} to {@code request}, for the controller method that declares its type. */
    public static <T> void attach(HttpServletRequest request, Class<T> type, T value) {
        request.setAttribute(type.getName(), value);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == type;
    }

    @Override
    public T resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        Object value = request.getAttribute(type.getName(), RequestAttributes.SCOPE_REQUEST);
        if (value == null) {
            // A programming error, not a client's: the endpoint is outside the paths that attach the value.
            throw new IllegalStateException("No " + type.getSimpleName() + " attached to the request");
        }
        return type.cast(value);
    }
}
