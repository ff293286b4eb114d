package io.callbridge.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Calls the running application's HTTP API on its random port, like an outside client:
 * redirects are not followed and every answer comes back as an {@link ApiResponse},
 * whatever its status.
 */
@Component
public class ApiClient {

	private final Environment environment;

	private volatile @Nullable RestClient rest;

	ApiClient(Environment environment) {
		this.environment = environment;
	}

	/** Requests authenticated with this Bearer token. */
	public Caller as(String token) {
		return new Caller(this, token, null, null);
	}

	/** Requests without any credentials. */
	public Caller anonymous() {
		return new Caller(this, null, null, null);
	}

	ApiResponse send(HttpMethod method, @Nullable String token, @Nullable String accept, String path,
			@Nullable String contentType, @Nullable Object body, Object... uriVariables) {
		return send(method, token, accept, null, path, contentType, body, uriVariables);
	}

	ApiResponse send(HttpMethod method, @Nullable String token, @Nullable String accept, @Nullable String language,
			String path, @Nullable String contentType, @Nullable Object body, Object... uriVariables) {
		RestClient.RequestBodySpec request = rest().method(method).uri(path, uriVariables);
		if (language != null) {
			request.header(HttpHeaders.ACCEPT_LANGUAGE, language);
		}
		if (token != null) {
			request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}
		if (accept != null) {
			request.header(HttpHeaders.ACCEPT, accept);
		}
		if (body instanceof byte[] bytes) {
			request.contentType(MediaType.parseMediaType((contentType != null) ? contentType : "application/json"))
				.body(bytes);
		}
		else if (body != null) {
			String text = (body instanceof String string) ? string : JsonMapper.shared().writeValueAsString(body);
			request.contentType(MediaType.parseMediaType((contentType != null) ? contentType : "application/json"))
				.body(text);
		}
		return request.exchange(
				(req, res) -> new ApiResponse(res.getStatusCode().value(), res.getHeaders(), read(res.getBody())),
				true);
	}

	private static String read(InputStream body) throws IOException {
		return new String(body.readAllBytes(), StandardCharsets.UTF_8);
	}

	private RestClient rest() {
		RestClient client = this.rest;
		if (client == null) {
			HttpClient http = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.followRedirects(HttpClient.Redirect.NEVER)
				.connectTimeout(Duration.ofSeconds(5))
				.build();
			client = RestClient.builder()
				.baseUrl("http://localhost:" + this.environment.getRequiredProperty("local.server.port"))
				.requestFactory(new JdkClientHttpRequestFactory(http))
				.build();
			this.rest = client;
		}
		return client;
	}

	/**
	 * Requests on behalf of one user (or nobody). Paths are URI templates whose variables
	 * are encoded, so values such as {@code +01:00} arrive intact.
	 */
	public static final class Caller {

		private final ApiClient client;

		private final @Nullable String token;

		private final @Nullable String accept;

		private final @Nullable String language;

		Caller(ApiClient client, @Nullable String token, @Nullable String accept, @Nullable String language) {
			this.client = client;
			this.token = token;
			this.accept = accept;
			this.language = language;
		}

		/** The same caller, asking for the given media type. */
		public Caller accepting(String mediaType) {
			return new Caller(this.client, this.token, mediaType, this.language);
		}

		/** The same caller, reading the given language ({@code Accept-Language}). */
		public Caller speaking(String language) {
			return new Caller(this.client, this.token, this.accept, language);
		}

		public ApiResponse get(String path, Object... uriVariables) {
			return this.client.send(HttpMethod.GET, this.token, this.accept, this.language, path, null, null,
					uriVariables);
		}

		public ApiResponse delete(String path, Object... uriVariables) {
			return this.client.send(HttpMethod.DELETE, this.token, this.accept, this.language, path, null, null,
					uriVariables);
		}

		/** POSTs a body: a String is sent as is, anything else as JSON. */
		public ApiResponse post(String path, Object body, Object... uriVariables) {
			return this.client.send(HttpMethod.POST, this.token, this.accept, this.language, path, null, body,
					uriVariables);
		}

		/** PUTs a body: a String is sent as is, anything else as JSON. */
		public ApiResponse put(String path, Object body, Object... uriVariables) {
			return this.client.send(HttpMethod.PUT, this.token, this.accept, this.language, path, null, body,
					uriVariables);
		}

		/** PATCHes a body: a String is sent as is, anything else as JSON. */
		public ApiResponse patch(String path, Object body, Object... uriVariables) {
			return this.client.send(HttpMethod.PATCH, this.token, this.accept, this.language, path, null, body,
					uriVariables);
		}

		/** POSTs raw bytes with the given content type. */
		public ApiResponse post(String path, String contentType, byte[] body, Object... uriVariables) {
			return this.client.send(HttpMethod.POST, this.token, this.accept, this.language, path, contentType, body,
					uriVariables);
		}

		/** POSTs a body with the given content type. */
		public ApiResponse post(String path, String contentType, String body, Object... uriVariables) {
			return this.client.send(HttpMethod.POST, this.token, this.accept, this.language, path, contentType, body,
					uriVariables);
		}

	}

}
