package io.callbridge.uis;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.callbridge.support.UiSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an admin copies from an account's UIS setup page
 * ({@code /admin/telephony/{id}/uis}) into the UIS cabinet: per event, the URL (with the
 * secret placeholder replaced by the account's secret) and the body template, pasted as
 * they are. End-to-end tests configure the {@link UisSimulator} with exactly this, so
 * they prove the page's instructions work.
 */
public final class UisSetupPage {

	private static final Pattern URL = Pattern
		.compile("<code class=\"copy uis-url\" id=\"uis-url-([a-z-]+)\">([^<]*)</code>");

	private static final Pattern TEMPLATE = Pattern
		.compile("<pre class=\"raw uis-template\" id=\"uis-template-([a-z-]+)\">([^<]*)</pre>");

	private UisSetupPage() {
	}

	/** Reads the page as {@code session} and configures every event on the simulator. */
	public static void configure(UiSession session, long accountId, String secret, UisSimulator uis) {
		targets(session, accountId, secret)
			.forEach((slug, target) -> uis.calls().configure(slug, "POST", target.url(), target.template()));
	}

	/** Each event's URL (with the secret) and body template, as the page shows them. */
	public static Map<String, UisNotificationSender.Target> targets(UiSession session, long accountId, String secret) {
		HttpResponse<String> page = session.get("/admin/telephony/" + accountId + "/uis");
		assertThat(page.statusCode()).isEqualTo(200);
		Map<String, String> urls = texts(URL, page.body());
		Map<String, String> templates = texts(TEMPLATE, page.body());
		assertThat(urls.keySet()).containsExactlyInAnyOrderElementsOf(UisNotificationTemplates.SLUGS);
		Map<String, UisNotificationSender.Target> targets = new LinkedHashMap<>();
		urls.forEach((slug, url) -> targets.put(slug, new UisNotificationSender.Target("POST",
				url.replace("NOTIFICATION_SECRET", secret), templates.get(slug))));
		return targets;
	}

	private static Map<String, String> texts(Pattern pattern, String html) {
		Map<String, String> texts = new LinkedHashMap<>();
		Matcher matcher = pattern.matcher(html);
		while (matcher.find()) {
			texts.put(matcher.group(1), unescape(matcher.group(2)));
		}
		return texts;
	}

	private static String unescape(String html) {
		return html.replace("&quot;", "\"")
			.replace("&#39;", "'")
			.replace("&lt;", "<")
			.replace("&gt;", ">")
			.replace("&amp;", "&");
	}

}
