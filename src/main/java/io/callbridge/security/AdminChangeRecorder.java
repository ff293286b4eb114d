package io.callbridge.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.callbridge.audit.AuditCategory;
import io.callbridge.audit.AuditEntry;
import io.callbridge.audit.AuditOutcome;
import io.callbridge.audit.AuditTrail;
import io.callbridge.shared.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.server.PathContainer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.WebUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Records every admin change in the audit trail, for the API and the UI alike, without
 * the changing modules knowing: each state-changing request to users and roles, API
 * tokens, telephony accounts, the blacklist, tenant settings or outcomes is recorded
 * after it completed, with who, which handler, which record (the path), when, from where
 * and how it ended. Of the submitted fields only a fixed list of harmless ones (names,
 * role, enabled, number…) is kept, so passwords, tokens and credentials never reach the
 * trail.
 */
@Component
class AdminChangeRecorder implements HandlerInterceptor, WebMvcConfigurer {

	private static final Logger log = LoggerFactory.getLogger(AdminChangeRecorder.class);

	private static final String REFUSED_FORM = AdminChangeRecorder.class.getName() + ".REFUSED_FORM";

	private static final Set<String> CHANGING_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

	/** The audited areas, most specific first. */
	private static final List<Area> AREAS = List.of(area("/api/v1/agents/**", AuditCategory.USER),
			area("/admin/agents/**", AuditCategory.USER), area("/admin/telephony/*/endpoints/**", AuditCategory.USER),
			area("/admin/telephony/*/default-responsible", AuditCategory.USER),
			area("/api/v1/api-tokens/**", AuditCategory.TOKEN), area("/admin/api-tokens/**", AuditCategory.TOKEN),
			area("/api/v1/telephony-accounts/**", AuditCategory.ACCOUNT),
			area("/admin/telephony/**", AuditCategory.ACCOUNT), area("/api/v1/blacklist/**", AuditCategory.BLACKLIST),
			area("/blacklist/**", AuditCategory.BLACKLIST), area("/api/v1/tenant", AuditCategory.TENANT),
			area("/api/v1/tenants/**", AuditCategory.TENANT),
			area("/api/v1/disposition-outcomes/**", AuditCategory.OUTCOME),
			area("/api/v1/webhooks/**", AuditCategory.WEBHOOK), area("/api/v1/crm-triggers", AuditCategory.WEBHOOK),
			area("/admin/integration/**", AuditCategory.WEBHOOK), area("/admin/outcomes/**", AuditCategory.OUTCOME),
			area("/api/v1/crm/**", AuditCategory.CRM), area("/admin/crm/**", AuditCategory.CRM));

	/**
	 * Submitted fields worth keeping; anything else (passwords, credentials) is left out.
	 */
	private static final Set<String> SAFE_FIELDS = Set.of("username", "displayName", "role", "enabled", "name",
			"provider", "extension", "number", "userId", "agentId", "accountId", "code", "label", "active", "slug",
			"adminUsername", "defaultRegion", "timeZone", "currency", "reason", "externalId", "status", "baseUrl",
			"integrationCode", "crmUserId", "connector");

	private static final int MAX_VALUE = 100;

	private final AuditTrail audit;

	AdminChangeRecorder(AuditTrail audit) {
		this.audit = audit;
	}

	/**
	 * One audited area of paths.
	 *
	 * @param pattern the paths
	 * @param category what they are about
	 */
	record Area(PathPattern pattern, AuditCategory category) {
	}

	private static Area area(String pattern, AuditCategory category) {
		return new Area(PathPatternParser.defaultInstance.parse(pattern), category);
	}

	/** What a state-changing request to this path is about, if it is audited. */
	static Optional<AuditCategory> categoryOf(HttpServletRequest request) {
		if (!CHANGING_METHODS.contains(request.getMethod())) {
			return Optional.empty();
		}
		PathContainer path = PathContainer.parsePath(path(request));
		return AREAS.stream().filter((area) -> area.pattern().matches(path)).map(Area::category).findFirst();
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this)
			.addPathPatterns(AREAS.stream().map((area) -> area.pattern().getPatternString()).toList());
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable ModelAndView view) {
		// A UI form refused for invalid input is shown again with status 200 and its
		// errors in the model.
		if (view != null && hasErrors(view.getModel())) {
			request.setAttribute(REFUSED_FORM, Boolean.TRUE);
		}
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable Exception ex) {
		Optional<AuditCategory> category = categoryOf(request);
		CurrentUser user = currentUser();
		if (category.isEmpty() || user == null) {
			return;
		}
		int status = (ex != null && response.getStatus() < 400) ? 500 : response.getStatus();
		String action = (handler instanceof HandlerMethod method) ? method.getMethod().getName() : request.getMethod();
		try {
			this.audit.record(new AuditEntry(user.tenantId(), category.get(), action, user.userId(), user.username(),
					path(request), details(request), null, ClientAddress.of(request), outcome(request, status),
					status));
		}
		catch (RuntimeException failed) {
			log.error("Could not record an admin change in the audit trail: {} {} by {}", request.getMethod(),
					path(request), user.username(), failed);
		}
	}

	private static AuditOutcome outcome(HttpServletRequest request, int status) {
		if (status >= 500) {
			return AuditOutcome.FAILED;
		}
		return (status >= 400 || request.getAttribute(REFUSED_FORM) != null) ? AuditOutcome.REFUSED
				: AuditOutcome.SUCCESS;
	}

	private static boolean hasErrors(Map<String, Object> model) {
		return model.entrySet()
			.stream()
			.anyMatch((entry) -> (entry.getKey().equals("errors") && entry.getValue() instanceof Collection<?> errors
					&& !errors.isEmpty()) || (entry.getKey().endsWith("Error") && entry.getValue() != null));
	}

	private static @Nullable String details(HttpServletRequest request) {
		Map<String, String> fields = new TreeMap<>();
		request.getParameterMap().forEach((name, values) -> {
			if (SAFE_FIELDS.contains(name) && values.length > 0) {
				fields.put(name, values[0]);
			}
		});
		ContentCachingRequestWrapper cached = WebUtils.getNativeRequest(request, ContentCachingRequestWrapper.class);
		if (cached != null && cached.getContentAsByteArray().length > 0) {
			jsonFields(cached.getContentAsByteArray(), fields);
		}
		if (fields.isEmpty()) {
			return null;
		}
		return fields.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + cut(entry.getValue()))
			.collect(Collectors.joining(", "));
	}

	private static void jsonFields(byte[] body, Map<String, String> fields) {
		try {
			JsonNode json = JsonMapper.shared().readTree(body);
			if (json.isObject()) {
				json.properties().forEach((entry) -> {
					if (SAFE_FIELDS.contains(entry.getKey()) && entry.getValue().isValueNode()) {
						fields.put(entry.getKey(), entry.getValue().asString());
					}
				});
			}
		}
		catch (RuntimeException unreadable) {
			// The handler refused the body already; the path and outcome are recorded.
		}
	}

	private static @Nullable CurrentUser currentUser() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.getPrincipal() instanceof CallbridgeUserDetails details)
				? details.currentUser() : null;
	}

	private static String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

	private static String cut(String value) {
		return (value.length() > MAX_VALUE) ? value.substring(0, MAX_VALUE) + "…" : value;
	}

}
