package io.eobatch.provider;

/**
 * A provider does not draw the image asked for (true colour from a service that only renders indices, or no images
 * at all). The item's own failure like any {@link ItemDataException}; a caller that can do without that image (the
 * aoi-timelapse frame without its true-colour picture) catches this type and says so.
 */
public class ImageNotOfferedException extends ItemDataException {
    public ImageNotOfferedException(String message) {
        super(message, null);
    }
}
