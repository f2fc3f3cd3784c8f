// Built-in codename lists. GWCelery names its releases after cryptids; the list includes every
// name its changelog already uses, so a migrated repository can keep choosing from the same set.

export const BUILT_IN_CODENAMES: Readonly<Record<string, readonly string[]>> = {
  cryptids: [
    "Alien Big Cat",
    "Bigfoot",
    "Bunyip",
    "Cactus cat",
    "Chupacabra",
    "Dover Demon",
    "Flatwoods monster",
    "Ghost Deer",
    "Globster",
    "Hodag",
    "Jackalope",
    "Jersey Devil",
    "Kraken",
    "Loch Ness Monster",
    "Mapinguari",
    "Mokele-mbembe",
    "Mothman",
    "Ogopogo",
    "Sheepsquatch",
    "Skunk ape",
    "Thunderbird",
    "Wendigo",
    "Yeti",
    "Yowie",
  ],
};

export const BUILT_IN_CODENAME_LISTS = Object.keys(BUILT_IN_CODENAMES);
