package io.callbridge.webhooks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.callbridge.webhooks.DeliveryCredentials.AuthSpec;
import io.callbridge.webhooks.PreparedRequest.Param;
import io.callbridge.webhooks.WebhookSender.OutboundRequest;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Turns a stored {@link PreparedRequest} into what is sent: a GET without a body (its
 * parameters are already in the URL), or a POST whose body is multipart, form-encoded,
 * {@code name=value} lines or a JSON object of strings; with a Bearer token when the
 * request names a token authentication. Never a Standard Webhooks header or signature.
 */
@Component
class ExternalSiteRequests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ObjectProvider<DeliveryCredentials> credentials;

	private final ExternalSiteTokens tokens;

	ExternalSiteRequests(ObjectProvider<DeliveryCredentials> credentials, ExternalSiteTokens tokens) {
		this.credentials = credentials;
		this.tokens = tokens;
	}

	/**
	 * The request to send for a stored message's payload.
	 * @throws ExternalSiteTokens.AuthenticationFailed when the CRM's login failed
	 */
	OutboundRequest build(long tenantId, String payload, Instant now) {
		PreparedRequest prepared = JSON.treeToValue(JSON.readTree(payload).get("data"), PreparedRequest.class);
		Map<String, String> headers = new LinkedHashMap<>();
		if (prepared.authId() != null) {
			headers.put("Authorization", "Bearer " + this.tokens.token(spec(tenantId, prepared.authId()), now));
		}
		if (prepared.method() == EndpointMethod.GET || prepared.format() == null) {
			return OutboundRequest.prepared(prepared.url(), prepared.method(), null, null, headers);
		}
		Body body = body(prepared);
		return OutboundRequest.prepared(prepared.url(), prepared.method(), body.type(), body.content(), headers);
	}

	private AuthSpec spec(long tenantId, long authId) {
		Optional<AuthSpec> spec = Optional.ofNullable(this.credentials.getIfAvailable())
			.flatMap((c) -> c.auth(tenantId, authId));
		return spec.orElseThrow(
				() -> new ExternalSiteTokens.AuthenticationFailed("authentication " + authId + " no longer exists"));
	}

	static Body body(PreparedRequest prepared) {
		return switch (prepared.format()) {
			case MULTIPART -> multipart(prepared);
			case FORM -> new Body(ContentType.APPLICATION_FORM_URLENCODED,
					utf8(prepared.params()
						.stream()
						.map((p) -> encode(p.name()) + "=" + encode(p.value()))
						.collect(Collectors.joining("&"))));
			case TEXT -> new Body(ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8),
					utf8(prepared.params()
						.stream()
						.map((p) -> p.name() + "=" + p.value())
						.collect(Collectors.joining("\n"))));
			case JSON -> new Body(ContentType.APPLICATION_JSON, utf8(JSON.writeValueAsString(object(prepared))));
			case null -> new Body(null, null);
		};
	}

	private static Map<String, String> object(PreparedRequest prepared) {
		Map<String, String> object = new LinkedHashMap<>();
		prepared.params().forEach((p) -> object.put(p.name(), p.value()));
		return object;
	}

	private static Body multipart(PreparedRequest prepared) {
		String boundary = "callbridge-" + java.util.UUID.randomUUID();
		MultipartEntityBuilder builder = MultipartEntityBuilder.create().setBoundary(boundary);
		for (Param param : prepared.params()) {
			builder.addTextBody(param.name(), param.value(),
					ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8));
		}
		HttpEntity entity = builder.build();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			entity.writeTo(out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		// Without a charset parameter: each part names its own (UTF-8).
		return new Body(
				ContentType.create("multipart/form-data")
					.withParameters(new org.apache.hc.core5.http.message.BasicNameValuePair("boundary", boundary)),
				out.toByteArray());
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** A body and its type. */
	record Body(@org.jspecify.annotations.Nullable ContentType type,
			byte @org.jspecify.annotations.Nullable [] content) {
	}

}
