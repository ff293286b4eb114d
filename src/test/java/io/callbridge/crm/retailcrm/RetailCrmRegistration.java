package io.callbridge.crm.retailcrm;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * One accepted {@code integration-modules/{code}/edit} (protocol notes A2.2).
 *
 * @param code the module code from the path
 * @param module the {@code integrationModule} as sent
 * @param notExistUsersIds the {@code additionalCodes} user ids answered as unknown
 */
public record RetailCrmRegistration(String code, JsonNode module, List<Integer> notExistUsersIds) {
}
