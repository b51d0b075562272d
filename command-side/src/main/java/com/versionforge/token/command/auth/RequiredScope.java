package com.versionforge.token.command.auth;

import com.versionforge.token.api.Scope;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The lowest token scope that may call an endpoint; an /api/v1 endpoint without one needs read-only. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiredScope {
    Scope value();
}
