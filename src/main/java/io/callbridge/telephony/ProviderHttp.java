package io.callbridge.telephony;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * One provider's outbound HTTP, the same for every adapter: a Spring {@link RestClient}
 * with the provider's {@link ProviderTimeouts}, each request observed as
 * {@value #REQUESTS} (count, latency and failures, tagged {@code provider},
 * {@code operation} and {@code outcome}), and every text it writes about a request (log
 * lines, failure descriptions) scrubbed of the request's {@link ProviderSecrets}. It only
 * carries requests: signing, reading answers and the adapter's own errors stay in the
 * adapter. Made by {@link ProviderHttpClients}.
 */
public final class ProviderHttp {

	/** The observation (and timer) of every provider request. */
	public static final String REQUESTS = "callbridge.provider.requests";

	/** The outcome of a request whose answer the adapter accepted. */
	public static final String SUCCESS = "success";

	private static final Logger log = LoggerFactory.getLogger(ProviderHttp.class);

	private final String provider;

	private final ProviderTimeouts timeouts;

	private final RestClient rest;

	private final ObservationRegistry observations;

	private final Function<RuntimeException, @Nullable String> outcomes;

	ProviderHttp(String provider, ProviderTimeouts timeouts, ObservationRegistry observations,
			Function<RuntimeException, @Nullable String> outcomes) {
		this.provider = provider;
		this.timeouts = timeouts;
		this.observations = observations;
		this.outcomes = outcomes;
		// Redirects are not followed: a provider API does not redirect, and following one
		// would send the credentials elsewhere.
		HttpClient client = HttpClient.newBuilder()
			.connectTimeout(timeouts.connect())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
		// Spring counts it from sending until the body is read, so it bounds the whole
		// request.
		requests.setReadTimeout(timeouts.read());
		this.rest = RestClient.builder().requestFactory(requests).build();
	}

	/** The provider's key, the {@code provider} tag of its requests. */
	public String provider() {
		return this.provider;
	}

	/** How long this provider's requests may take. */
	public ProviderTimeouts timeouts() {
		return this.timeouts;
	}

	/**
	 * Sends a request and lets {@code reader} read the answer, all in one observation:
	 * its outcome is {@value #SUCCESS} when the reader returns, {@code timeout},
	 * {@code unreachable} or {@code interrupted} when no answer came, otherwise what the
	 * provider's outcome function makes of the reader's exception (e.g. its kind of
	 * failure).
	 * @param request the request
	 * @param reader reads the answer, throwing the adapter's own exception when it is a
	 * failure
	 * @return what the reader returned
	 * @throws ProviderHttpException when no answer came
	 */
	public <T> T send(Request request, Function<Response, T> reader) {
		Observation observation = Observation.createNotStarted(REQUESTS, this.observations)
			.contextualName(this.provider + " " + request.operation())
			.lowCardinalityKeyValue("provider", this.provider)
			.lowCardinalityKeyValue("operation", request.operation())
			.start();
		String outcome = "error";
		try {
			T result = reader.apply(exchange(request));
			outcome = SUCCESS;
			return result;
		}
		catch (RuntimeException ex) {
			outcome = outcomeOf(ex);
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.lowCardinalityKeyValue("outcome", outcome);
			observation.stop();
		}
	}

	private Response exchange(Request request) {
		long sent = System.nanoTime();
		try {
			RestClient.RequestBodySpec spec = this.rest.method(request.method())
				.uri(request.uri())
				.headers((headers) -> request.headers().forEach(headers::set));
			if (request.body() != null) {
				spec.body(request.body().getBytes(StandardCharsets.UTF_8));
			}
			Response response = spec
				.exchangeForRequiredValue((sentRequest, answer) -> new Response(answer.getStatusCode().value(),
						StreamUtils.copyToString(answer.getBody(), StandardCharsets.UTF_8),
						HttpHeaders.readOnlyHttpHeaders(answer.getHeaders())), true);
			log.debug("{} {} {} answered HTTP {} in {} ms", this.provider, request.method(), request.operation(),
					response.status(), (System.nanoTime() - sent) / 1_000_000);
			return response;
		}
		catch (RestClientException ex) {
			boolean late = System.nanoTime() - sent >= this.timeouts.read().toNanos();
			ProviderHttpException failure = failure(request, ex, late);
			log.debug("{} {} {} failed: {}", this.provider, request.method(), request.operation(),
					failure.getMessage());
			throw failure;
		}
	}

	// The exception's own message quotes the URL (and with it any password in the query):
	// only the cause's message is kept, scrubbed, and the exception is not chained. When
	// the read timeout strikes in the middle of the body, Spring closes the stream, which
	// fails as a plain I/O error: a failure at or after the deadline is its doing.
	private static ProviderHttpException failure(Request request, RestClientException ex, boolean late) {
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		String detail = request.secrets().scrub(describe(cause));
		if (Thread.currentThread().isInterrupted() || caused(ex, InterruptedException.class)) {
			return new ProviderHttpException(ProviderHttpException.Kind.INTERRUPTED, detail);
		}
		if (late || caused(ex, HttpTimeoutException.class)) {
			return new ProviderHttpException(ProviderHttpException.Kind.TIMEOUT, detail);
		}
		return new ProviderHttpException(ProviderHttpException.Kind.UNREACHABLE, detail);
	}

	private String outcomeOf(RuntimeException ex) {
		if (ex instanceof ProviderHttpException failure) {
			return failure.kind().name().toLowerCase(Locale.ROOT);
		}
		String outcome = this.outcomes.apply(ex);
		return (outcome != null) ? outcome.toLowerCase(Locale.ROOT) : "error";
	}

	private static boolean caused(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	private static String describe(Throwable cause) {
		String message = cause.getMessage();
		String type = cause.getClass().getSimpleName();
		return (message == null || message.isBlank()) ? type : type + ": " + message;
	}

	/**
	 * A request to a provider.
	 *
	 * @param operation what it does, the {@code operation} tag: the provider's name for
	 * the method (never an id or a number, which would make a tag per value)
	 * @param method the HTTP method
	 * @param uri where to send it, query included
	 * @param headers its headers
	 * @param body its body, e.g. a form, or none
	 * @param secrets what it carries that no text may show
	 */
	public record Request(String operation, HttpMethod method, URI uri, Map<String, String> headers,
			@Nullable String body, ProviderSecrets secrets) {

		public Request {
			headers = Map.copyOf(headers);
		}

		/** A GET request. */
		public static Request get(String operation, URI uri, Map<String, String> headers, ProviderSecrets secrets) {
			return new Request(operation, HttpMethod.GET, uri, headers, null, secrets);
		}

		@Override
		public String toString() {
			return "Request[" + this.operation + " " + this.method + " " + this.uri.getRawPath() + "]";
		}

	}

	/**
	 * A provider's answer, whatever its status.
	 *
	 * @param status the HTTP status
	 * @param body the body, read as UTF-8
	 * @param headers the headers
	 */
	public record Response(int status, String body, HttpHeaders headers) {

		/** The first value of a header, or none. */
		public @Nullable String header(String name) {
			return this.headers.getFirst(name);
		}

	}

}
