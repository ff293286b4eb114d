package io.callbridge.campaigns.sites;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.callbridge.security.ConsoleOrigins;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The origins of the tenant's external sites that open in the browser (embedded or in a
 * new tab): what the console's Content-Security-Policy lets frames and forms reach.
 * Hidden sites count: campaigns that chose them before still open them.
 */
@Component
class SiteOrigins implements ConsoleOrigins {

	private final ExternalSites sites;

	SiteOrigins(ExternalSites sites) {
		this.sites = sites;
	}

	@Override
	public List<String> originsFor(long tenantId) {
		return this.sites.list(tenantId)
			.stream()
			.filter((site) -> site.target() != null)
			.map((site) -> origin(site.url()))
			.filter(Objects::nonNull)
			.distinct()
			.toList();
	}

	/** {@code scheme://host[:port]} of a URL; {@code null} when it has none. */
	static @Nullable String origin(String url) {
		try {
			URI uri = new URI(url.replaceAll("\\{\\d+\\}", "0"));
			if (uri.getScheme() == null || uri.getHost() == null) {
				return null;
			}
			String origin = uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT);
			return (uri.getPort() >= 0) ? origin + ":" + uri.getPort() : origin;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
