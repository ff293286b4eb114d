package io.callbridge.crm.retailcrm;

import java.util.List;

/**
 * One accepted {@code calls/upload} request and what the simulated retailCRM answered.
 *
 * @param calls the calls sent, in order
 * @param processedCallsCount how many were stored (new, or updated when duplicates
 * update)
 * @param duplicateCalls the externalIds already known (or repeated in the request)
 */
public record RetailCrmUpload(List<RetailCrmCall> calls, int processedCallsCount, List<String> duplicateCalls) {
}
