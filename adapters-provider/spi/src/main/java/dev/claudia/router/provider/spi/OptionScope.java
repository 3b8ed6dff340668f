package dev.claudia.router.provider.spi;

/** Where in config.json an options object sits. */
public enum OptionScope {
    /** {@code backends.<name>.options}: settings of the backend as a whole, and defaults for its profiles. */
    BACKEND,
    /** {@code modelProfiles.<alias>.options}: settings of one profile on that backend. */
    PROFILE
}
