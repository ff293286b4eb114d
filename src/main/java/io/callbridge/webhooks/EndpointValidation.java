package io.callbridge.webhooks;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Problems.InvalidInput;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Checks an endpoint as submitted and turns it into the values stored: every problem is a
 * 422 naming its field ({@code url}, {@code method}, {@code eventTypes}, {@code signed},
 * {@code description}), including a target that resolves to an address webhooks are not
 * sent to.
 */
@Component
class EndpointValidation {

	private final TargetGuard guard;

	EndpointValidation(TargetGuard guard) {
		this.guard = guard;
	}

	/** The values to store, or a 422 with every problem. */
	Valid check(EndpointCommand command) {
		List<FieldError> errors = new ArrayList<>();
		EndpointKind kind = (command.kind() != null) ? command.kind() : EndpointKind.WEBHOOK;
		String url = url(command.url(), errors);
		EndpointMethod method = method(kind, command.method(), errors);
		List<String> types = eventTypes(kind, command.eventTypes(), errors);
		boolean signed = signed(kind, command.signed(), errors);
		String description = (command.description() == null || command.description().isBlank()) ? null
				: command.description().strip();
		if (description != null && description.length() > 500) {
			errors.add(new FieldError("description", Text.of("webhooks.description.tooLong", 500)));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
		return new Valid(kind, url, method, description, types, signed);
	}

	private String url(@Nullable String value, List<FieldError> errors) {
		if (value == null || value.isBlank()) {
			errors.add(new FieldError("url", Text.of("webhooks.url.required")));
			return "";
		}
		String url = value.strip();
		if (url.length() > 2000) {
			errors.add(new FieldError("url", Text.of("webhooks.url.tooLong", 2000)));
			return url;
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			errors.add(new FieldError("url", Text.of("webhooks.url.invalid")));
			return url;
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getFragment() != null) {
			errors.add(new FieldError("url", Text.of("webhooks.url.invalid")));
		}
		else if (uri.getUserInfo() != null) {
			errors.add(new FieldError("url", Text.of("webhooks.url.userInfo")));
		}
		else {
			target(uri.getHost(), errors);
		}
		return url;
	}

	private void target(String host, List<FieldError> errors) {
		String name = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		try {
			this.guard.resolveAllowed(name);
		}
		catch (TargetRefusedException ex) {
			errors.add(new FieldError("url", Text.of("webhooks.url.refused", host)));
		}
		catch (UnknownHostException ex) {
			errors.add(new FieldError("url", Text.of("webhooks.url.unresolvable", host)));
		}
	}

	private static EndpointMethod method(EndpointKind kind, @Nullable EndpointMethod method, List<FieldError> errors) {
		if (kind == EndpointKind.WEBHOOK) {
			if (method != null && method != EndpointMethod.POST) {
				errors.add(new FieldError("method", Text.of("webhooks.method.postOnly")));
			}
			return EndpointMethod.POST;
		}
		if (kind == EndpointKind.EXTERNAL_SITE && method == EndpointMethod.PUT) {
			errors.add(new FieldError("method", Text.of("webhooks.method.getOrPost")));
		}
		return (method != null) ? method : EndpointMethod.GET;
	}

	private static List<String> eventTypes(EndpointKind kind, @Nullable List<String> values, List<FieldError> errors) {
		if (kind == EndpointKind.EXTERNAL_SITE) {
			// Its messages are addressed to it, never matched by type.
			return List.of();
		}
		List<String> types = (values == null) ? List.of()
				: values.stream().filter((t) -> t != null && !t.isBlank()).map(String::strip).distinct().toList();
		if (types.isEmpty()) {
			errors.add(new FieldError("eventTypes", Text.of("webhooks.eventTypes.required")));
			return types;
		}
		for (String type : types) {
			boolean valid = (kind == EndpointKind.CRM_TRIGGER) ? WebhookEventTypes.isTriggerType(type)
					: WebhookEventTypes.isValidFilter(type);
			if (!valid) {
				errors.add(new FieldError("eventTypes", Text.of("webhooks.eventTypes.unknown", Text.literal(type))));
			}
		}
		if (String.join(",", types).length() > 2000) {
			errors.add(new FieldError("eventTypes", Text.of("webhooks.eventTypes.tooMany")));
		}
		return types;
	}

	private static boolean signed(EndpointKind kind, @Nullable Boolean signed, List<FieldError> errors) {
		if (kind == EndpointKind.WEBHOOK) {
			if (Boolean.FALSE.equals(signed)) {
				errors.add(new FieldError("signed", Text.of("webhooks.signed.always")));
			}
			return true;
		}
		return kind != EndpointKind.EXTERNAL_SITE && Boolean.TRUE.equals(signed);
	}

	/** An endpoint's checked values. */
	record Valid(EndpointKind kind, String url, EndpointMethod method, @Nullable String description,
			List<String> eventTypes, boolean signed) {
	}

}
