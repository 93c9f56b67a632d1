"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.residentId = residentId;
var domain_1 = require("@scf/domain");
/** A valid resident ID per index, so applicants differ. */
function residentId(i) {
    var first17 = "14092519900101".concat(String(i % 1000).padStart(3, '0'));
    return first17 + (0, domain_1.residentIdCheckDigit)(first17);
}
