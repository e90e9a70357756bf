package io.crossdistill.aligner.internal;

/** JSON pointer (RFC 6901) building, so that every problem names the exact field. */
public final class Pointers {

    private Pointers() {
    }

    /** @return {@code base/token}, with '~' and '/' in the token escaped */
    public static String child(String base, String token) {
        return base + "/" + token.replace("~", "~0").replace("/", "~1");
    }

    /** @return {@code base/index} */
    public static String child(String base, int index) {
        return base + "/" + index;
    }
}
