#pragma once

#include "app/manage_models.h"
#include "app/ports/model_store.h"

namespace haiquan::cli {

// Builds a live model from a registered model file: the history the file carries (its training
// data) replayed as training saw it, then, for an activation, every declaration the system has
// filed and every finding on them, so that the model starts from what the system knows.
// `secret` (the server's pepper) seeds the exploration draws, so that a trader cannot choose
// references that are never explored.
app::ModelLoader MakeModelLoader(app::ModelStore& store, std::string secret);

}  // namespace haiquan::cli
