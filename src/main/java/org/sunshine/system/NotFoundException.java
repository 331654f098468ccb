package org.sunshine.system;

/** Something asked for by id that does not exist; answered as a 404 problem detail. */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}

}
