package io.callbridge.crm.retailcrm;

import java.util.Map;

/**
 * A request the simulated retailCRM sent to the connector (protocol notes A6) and the
 * answer it got.
 *
 * @param url the URL called, query included
 * @param parameters the query parameters sent
 * @param status the HTTP status answered, -1 when the connection failed
 * @param body the body answered
 */
public record RetailCrmCallback(String url, Map<String, String> parameters, int status, String body) {
}
