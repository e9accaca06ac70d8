package org.currents.source.api;

/**
 * Refusal to talk to a Wikimedia wiki without a contact: Wikimedia's User-Agent policy asks every
 * client to say how its operator can be reached. Nothing was sent when this is thrown.
 */
public final class MissingContactException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param api the Wikimedia API that was about to be used */
    public MissingContactException(String api) {
        super("a contact is required to use the Wikimedia API at " + api
                + ": pass --contact URL-or-email (or set " + ApiOptions.CONTACT_ENV
                + "), as Wikimedia's User-Agent policy asks");
    }
}
