package io.callbridge.calls.web;

import io.callbridge.calls.application.AppliedReads;
import io.callbridge.security.ApiPrincipals;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * Lets every request of a tenant's user — the API, the OMniLeads-compatible API and the
 * UI alike, whatever module handles it — see the calls as of the webhooks answered before
 * it: it waits ({@link AppliedReads}) before its handler runs. Requests of nobody's (a
 * provider's webhook) do not wait: they are what the reads wait for. Nor do streams of
 * events (the console's pop-ups): they show each change as it is applied, and one opened
 * late would miss what is pushed meanwhile. Only the request itself waits, not its async
 * or error dispatches, which come after its handler.
 */
@Component
class AppliedReadsInterceptor implements HandlerInterceptor, WebMvcConfigurer {

	private final AppliedReads reads;

	AppliedReadsInterceptor(AppliedReads reads) {
		this.reads = reads;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (request.getDispatcherType() == DispatcherType.REQUEST && handler instanceof HandlerMethod method
				&& !streams(method)) {
			ApiPrincipals.current().ifPresent((user) -> this.reads.awaitApplied(user.tenantId()));
		}
		return true;
	}

	private static boolean streams(HandlerMethod method) {
		return ResponseBodyEmitter.class.isAssignableFrom(method.getReturnType().getParameterType());
	}

}
