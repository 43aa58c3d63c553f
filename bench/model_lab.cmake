# The learned risk model's lab (docs/model.md). Included from bench/CMakeLists.txt:
#   include(model_lab.cmake)
add_executable(model_lab ${CMAKE_CURRENT_LIST_DIR}/model_lab.cpp)
target_link_libraries(model_lab PRIVATE haiquan_risk_model)
