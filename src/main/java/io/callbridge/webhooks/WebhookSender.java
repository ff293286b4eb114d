package io.callbridge.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Sends one webhook request and says what came of it. Apache HttpClient with a resolver
 * of our own: every address a connection goes to is checked by the {@link TargetGuard} at
 * connection time, so a name whose DNS answer changed since the endpoint was saved still
 * cannot reach a refused address. Redirects are never followed, nothing is retried by the
 * client, no proxy is used; the whole answer must arrive within the request timeout, and
 * at most {@code max-answer-bytes} of it is read.
 */
@Component
class WebhookSender implements DisposableBean {

	private final CloseableHttpClient client;

	private final WebhookProperties properties;

	private final ScheduledExecutorService deadlines = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("webhook-deadlines").factory());

	WebhookSender(TargetGuard guard, WebhookProperties properties) {
		this.properties = properties;
		Timeout connect = Timeout.of(properties.connectTimeout());
		Timeout whole = Timeout.of(properties.requestTimeout());
		this.client = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDnsResolver(new GuardedResolver(guard))
				.setDefaultConnectionConfig(
						ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(whole).build())
				.setMaxConnTotal(properties.concurrency() * 2)
				.setMaxConnPerRoute(properties.concurrency())
				.build())
			.setDefaultRequestConfig(RequestConfig.custom()
				.setConnectionRequestTimeout(whole)
				.setResponseTimeout(whole)
				.setRedirectsEnabled(false)
				.build())
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableAuthCaching()
			.setUserAgent("Callbridge-Webhooks/1")
			.build();
	}

	/** Sends the request; never throws for what the receiver or the network does. */
	SendResult send(OutboundRequest outbound) {
		HttpUriRequestBase request = new HttpUriRequestBase(outbound.method().name(), URI.create(outbound.url()));
		if (outbound.standardHeaders()) {
			request.setHeader("webhook-id", outbound.messageId());
			request.setHeader("webhook-timestamp", Long.toString(outbound.timestampSeconds()));
		}
		if (outbound.signature() != null) {
			request.setHeader("webhook-signature", outbound.signature());
		}
		outbound.headers().forEach(request::setHeader);
		if (outbound.method() != EndpointMethod.GET) {
			request.setEntity(
					(outbound.content() != null) ? new ByteArrayEntity(outbound.content(), outbound.contentType())
							: new StringEntity(outbound.body(), ContentType.APPLICATION_JSON));
		}
		return sendPrepared(request);
	}

	/**
	 * Logs in to a CRM: POSTs the JSON body and reads the whole answer (at most
	 * {@code max-answer-bytes}), through the same guarded client.
	 * @throws IOException when no answer came
	 */
	LoginAnswer login(String url, String json) throws IOException {
		HttpUriRequestBase request = new HttpUriRequestBase("POST", URI.create(url));
		request.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
		ScheduledFuture<?> deadline = this.deadlines.schedule(request::cancel,
				this.properties.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
		try (ClassicHttpResponse response = this.client.executeOpen(null, request, null)) {
			HttpEntity entity = response.getEntity();
			String type = (entity != null && entity.getContentType() != null) ? entity.getContentType() : "";
			int cap = this.properties.maxAnswerBytes();
			String body = (entity != null) ? new String(entity.getContent().readNBytes(cap), StandardCharsets.UTF_8)
					: "";
			return new LoginAnswer(response.getCode(), type, body);
		}
		finally {
			deadline.cancel(false);
		}
	}

	private SendResult sendPrepared(HttpUriRequestBase request) {
		long start = System.nanoTime();
		ScheduledFuture<?> deadline = this.deadlines.schedule(request::cancel,
				this.properties.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
		try {
			return answer(request, start);
		}
		catch (IOException | RuntimeException ex) {
			return failure(request, ex, start);
		}
		finally {
			deadline.cancel(false);
		}
	}

	private SendResult answer(HttpUriRequestBase request, long start) throws IOException {
		ClassicHttpResponse response = this.client.executeOpen(null, request, null);
		try {
			int status = response.getCode();
			String excerpt = read(response.getEntity(), request);
			Header retryAfter = response.getFirstHeader("Retry-After");
			String error = (status >= 300 && status < 400) ? "Redirect not followed" : null;
			return new SendResult(status, elapsed(start), error, excerpt,
					(retryAfter != null) ? retryAfter.getValue() : null, false);
		}
		finally {
			closeQuietly(response);
		}
	}

	// Reads at most max-answer-bytes; an answer longer than that is cut off by closing
	// the
	// connection instead of reading (or draining) the rest.
	private String read(@Nullable HttpEntity entity, HttpUriRequestBase request) throws IOException {
		if (entity == null) {
			return "";
		}
		int cap = this.properties.maxAnswerBytes();
		byte[] buffer = new byte[cap];
		int length = 0;
		boolean more;
		try (InputStream in = entity.getContent()) {
			int n = 0;
			while (length < cap && (n = in.read(buffer, length, cap - length)) >= 0) {
				length += n;
			}
			more = n >= 0 && in.read() >= 0;
			if (more) {
				request.cancel();
			}
		}
		catch (IOException ex) {
			if (!request.isCancelled()) {
				throw ex;
			}
		}
		String text = new String(buffer, 0, length, StandardCharsets.UTF_8);
		return excerpt(text, this.properties.excerptChars());
	}

	private SendResult failure(HttpUriRequestBase request, Exception ex, long start) {
		TargetRefusedException refused = refusal(ex);
		if (refused != null) {
			return new SendResult(null, elapsed(start), refused.getMessage(), null, null, true);
		}
		String error;
		if (request.isCancelled() || ex instanceof java.net.SocketTimeoutException
				|| ex instanceof org.apache.hc.core5.http.ConnectionRequestTimeoutException
				|| ex instanceof org.apache.hc.client5.http.ConnectTimeoutException) {
			error = "Timed out after " + this.properties.requestTimeout().toMillis() + " ms";
		}
		else if (ex instanceof UnknownHostException) {
			error = "Unknown host: " + ex.getMessage();
		}
		else {
			error = ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
		}
		return new SendResult(null, elapsed(start), error, null, null, false);
	}

	private static @Nullable TargetRefusedException refusal(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof TargetRefusedException refused) {
				return refused;
			}
		}
		return null;
	}

	static String excerpt(String text, int chars) {
		return (text.length() <= chars) ? text : text.substring(0, chars);
	}

	private static long elapsed(long start) {
		return Duration.ofNanos(System.nanoTime() - start).toMillis();
	}

	private static void closeQuietly(ClassicHttpResponse response) {
		try {
			response.close();
		}
		catch (IOException ex) {
			// The connection is discarded either way.
		}
	}

	@Override
	public void destroy() throws IOException {
		this.deadlines.shutdownNow();
		this.client.close();
	}

	/**
	 * What is sent.
	 *
	 * @param url the full URL (a CRM trigger's formatted string appended)
	 * @param method the method
	 * @param messageId {@code webhook-id}
	 * @param timestampSeconds {@code webhook-timestamp}
	 * @param signature {@code webhook-signature}, null when the endpoint is unsigned
	 * @param body the JSON message (not sent with GET)
	 */
	record OutboundRequest(String url, EndpointMethod method, String messageId, long timestampSeconds,
			@Nullable String signature, String body, boolean standardHeaders, @Nullable ContentType contentType,
			byte @Nullable [] content, Map<String, String> headers) {

		/**
		 * A webhook or CRM trigger: the JSON message with the Standard Webhooks headers.
		 */
		OutboundRequest(String url, EndpointMethod method, String messageId, long timestampSeconds,
				@Nullable String signature, String body) {
			this(url, method, messageId, timestampSeconds, signature, body, true, null, null, Map.of());
		}

		/** A prepared request: exactly this body and these headers, nothing else. */
		static OutboundRequest prepared(String url, EndpointMethod method, @Nullable ContentType contentType,
				byte @Nullable [] content, Map<String, String> headers) {
			return new OutboundRequest(url, method, "", 0, null, "", false, contentType, content, headers);
		}

	}

	/**
	 * A CRM's answer to a login.
	 *
	 * @param status status
	 * @param contentType its content type ("" when none)
	 * @param body its body
	 */
	record LoginAnswer(int status, String contentType, String body) {
	}

	/**
	 * What came of one attempt.
	 *
	 * @param status the answer's status, null when none came
	 * @param latencyMs how long it took
	 * @param error what went wrong, if anything did
	 * @param excerpt the answer's first characters
	 * @param retryAfter the answer's {@code Retry-After}, as sent
	 * @param refused whether the SSRF guard refused the connection
	 */
	record SendResult(@Nullable Integer status, long latencyMs, @Nullable String error, @Nullable String excerpt,
			@Nullable String retryAfter, boolean refused) {

		boolean delivered() {
			return this.status != null && this.status >= 200 && this.status < 300;
		}

		String outcome() {
			if (delivered()) {
				return "delivered";
			}
			if (this.refused) {
				return "refused";
			}
			return (this.status != null) ? "rejected" : "error";
		}

	}

	/**
	 * The client's resolver: the guard's, so refused addresses are never connected to.
	 */
	private record GuardedResolver(TargetGuard guard) implements DnsResolver {

		@Override
		public InetAddress[] resolve(String host) throws UnknownHostException {
			String name = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
			return this.guard.resolveAllowed(name);
		}

		@Override
		public String resolveCanonicalHostname(String host) throws UnknownHostException {
			// Only asked for Kerberos/SPNEGO, which webhooks never use: no reverse
			// lookup.
			resolve(host);
			return host;
		}

	}

}
