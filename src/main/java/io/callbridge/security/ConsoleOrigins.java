package io.callbridge.security;

import java.util.List;

/**
 * The origins a tenant's agent console may frame and submit forms to, besides Callbridge
 * itself: the CRM pages its campaigns open there ("URL externa"). A port owned by
 * security and implemented by the module that knows those pages, so the console's
 * Content-Security-Policy widens for exactly them.
 */
public interface ConsoleOrigins {

	/**
	 * The origins, each {@code scheme://host[:port]}.
	 * @param tenantId the console user's tenant
	 * @return them; empty for none
	 */
	List<String> originsFor(long tenantId);

}
